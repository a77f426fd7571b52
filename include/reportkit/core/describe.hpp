// Descriptions: a struct's documentation, declared beside its fields and exported into its JSON
// Schema as `description`.
//
//     struct Period {
//         REPORTKIT_DEFINE_STRUCT(Period, (Date, start), (Date, end));
//         static constexpr auto descriptions() {
//             return rk::descriptions("The reporting period.",
//                                     rk::describe(&Period::start, "First day, inclusive."),
//                                     rk::describe(&Period::end, "Last day, inclusive."));
//         }
//     };
//
// Fields are named by member pointer, so a description cannot outlive a renamed field. As with
// rules() (core/rules.hpp), the API's payloads declare descriptions() as a template so that only
// schema export compiles them.
#pragma once

#include <reportkit/core/detail/pack.hpp>
#include <reportkit/core/reflect.hpp>

#include <string_view>

namespace reportkit {

template <class Member>
struct FieldDescription {
    Member member;
    std::string_view text;
};

template <class Member>
constexpr FieldDescription<Member> describe(Member member, std::string_view text) {
    return {member, text};
}

template <class... Fields>
struct Descriptions {
    std::string_view of_struct;
    detail::Pack<FieldDescription<Fields>...> fields;
};

template <class... Fields>
constexpr Descriptions<Fields...> descriptions(std::string_view of_struct,
                                               FieldDescription<Fields>... fields) {
    return {of_struct, detail::make_pack(fields...)};
}

template <class T>
concept Described = requires {
    T::descriptions();
};

// The struct's own description; empty when it declares none.
template <class T>
std::string_view struct_description() {
    if constexpr (Described<T>)
        return T::descriptions().of_struct;
    else
        return {};
}

// The description of field `index` of T; empty when it declares none.
template <Reflected T>
std::string_view field_description(std::size_t index) {
    std::string_view found;
    if constexpr (Described<T>) {
        static constexpr auto declared = T::descriptions();
        detail::apply_pack(
            [&](const auto&... field) {
                ((field_index(field.member) == index ? (void)(found = field.text) : void()), ...);
            },
            declared.fields);
    }
    return found;
}

} // namespace reportkit
