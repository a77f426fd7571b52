// The reader behind from_json (core/read.hpp): the handler of the tokenizer's events
// (core/detail/json_tokenizer.hpp) that walks each type's table of handlers (Ops), keeps the
// stack of open objects and arrays, and records every problem at its JSON Pointer.
#pragma once

#include <reportkit/core/config.hpp>
#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/detail/same_text.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/read_options.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/value_kind.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

namespace reportkit::detail {

class Reader;
struct Ops;

// Where the next value goes: the object to fill, its handlers, and the struct member it is (for
// FieldStates; null for array items and the document root).
struct Slot {
    void* target = nullptr;
    const Ops* ops = nullptr;
    const void* field = nullptr;
};

// The handlers of one C++ type. A null handler means the JSON type is wrong for it.
struct Ops {
    std::string (*expected)();
    bool (*on_string)(void*, std::string_view, Reader&);
    bool (*on_bool)(void*, bool, Reader&);
    bool (*on_int64)(void*, std::int64_t, Reader&);
    bool (*on_uint64)(void*, std::uint64_t, Reader&);
    bool (*on_double)(void*, std::string_view text, Reader&);
    // objects (structs)
    const std::string_view* names;
    std::size_t name_count;
    Slot (*field)(void* obj, std::size_t index);
    void (*object_end)(void* obj, std::uint64_t present, Reader&);
    // arrays
    Slot (*append)(void* obj, Reader&);
    void (*array_end)(void* obj, Reader&); // null: nothing to finish
    // any JSON value (boost::json::value or object): captured as a DOM
    bool any;
    bool any_object_only;
};

template <class T>
const Ops* ops_for();

class Reader {
public:
    Reader(void* root, const Ops* root_ops, const ReadOptions& options)
        : root_{root, root_ops, nullptr}, options_(options), today_(options.today) {}

    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

    // ---- used by the per-type handlers ----

    // An error about the value being read now.
    REPORTKIT_COLD void error(std::string_view code, std::string message) {
        report(pointer_to(stack_.size()), code, std::move(message));
    }

    // A warning about the value being read now: it is kept.
    void warning(std::string_view code, std::string message) {
        report(pointer_to(stack_.size()), code, std::move(message), Severity::warning);
    }

    // A string that is none of an enum's names; one function for every enum.
    REPORTKIT_COLD void enum_error(std::span<const std::string_view> names, std::string_view got) {
        error(code::enum_value,
              "expected one of " + list_choices(names) + ", got " + quoted_excerpt(got));
    }

    // An error about key `name` of the innermost open object.
    REPORTKIT_COLD void key_error(std::string_view name, std::string_view code,
                                  std::string message) {
        std::string pointer = pointer_to(stack_.size() - 1);
        append_pointer_token(pointer, name);
        report(std::move(pointer), code, std::move(message));
    }

    // Called as a struct closes: its missing required fields, then its rules.
    REPORTKIT_COLD void missing(std::string_view name, const void* field) {
        states_.mark(field, FieldState::missing);
        key_error(name, code::required, "missing required field \"" + std::string(name) + '"');
    }

    template <class T>
    void check_rules_of(const T& obj) {
        if constexpr (HasRules<T>) {
            std::size_t before = diagnostics_.size();
            RuleContext ctx{&diagnostics_, &states_, &today_, &Reader::make_pointer, this};
            check_rules(obj, ctx);
            for (std::size_t i = before; i < diagnostics_.size(); ++i)
                errors_ += diagnostics_[i].severity == Severity::error;
        }
    }

    // Items of an array of small trivially copyable values (UUIDs, dates, enums) are read into
    // this buffer and moved into their vector as the array closes, so the vector is allocated
    // once at its final size instead of growing item by item. Such items are filled by scalars
    // only, so at most one of these arrays is open at a time.
    template <class Item>
    static constexpr bool buffered_item =
        !Reflected<Item> && sizeof(Item) <= 64
        && std::conjunction_v<std::is_trivially_copyable<Item>,
                              std::is_trivially_destructible<Item>>;

    template <class Sequence, class Item = typename Sequence::value_type>
    Item* buffered_append(Sequence& v) {
        static_assert(buffered_item<Item> && alignof(Item) <= alignof(std::max_align_t));
        constexpr std::size_t capacity = sizeof(item_buffer_) / sizeof(Item);
        if (buffered_count_ == capacity)
            flush_items(v);
        return ::new (item_buffer_ + buffered_count_++ * sizeof(Item)) Item{};
    }

    template <class Sequence, class Item = typename Sequence::value_type>
    void flush_items(Sequence& v) {
        const Item* first = std::launder(reinterpret_cast<const Item*>(item_buffer_));
        // assign, when it can: insert's general case was a tenth of reading such an array.
        if (v.empty())
            v.assign(first, first + buffered_count_);
        else
            v.insert(v.end(), first, first + buffered_count_);
        buffered_count_ = 0;
    }

    // ---- the tokenizer's events (core/detail/json_tokenizer.hpp) ----

    void object_begin() { begin(false); }
    void array_begin() { begin(true); }
    void object_end(std::size_t n) { end(false, n); }
    void array_end(std::size_t n) { end(true, n); }

    void string(std::string_view s) {
        scalar([&](const Ops& o) { return o.on_string; },
               [&] { return "the string " + quoted_excerpt(s); },
               [&](auto fn, Slot slot) { return fn(slot.target, s, *this); },
               [&] { capture_->push_string(s); });
    }
    void int64(std::int64_t v) {
        scalar([](const Ops& o) { return o.on_int64; },
               [&] { return "the number " + std::to_string(v); },
               [&](auto fn, Slot slot) { return fn(slot.target, v, *this); },
               [&] { capture_->push_int64(v); });
    }
    void uint64(std::uint64_t v) {
        scalar([](const Ops& o) { return o.on_uint64; },
               [&] { return "the number " + std::to_string(v); },
               [&](auto fn, Slot slot) { return fn(slot.target, v, *this); },
               [&] { capture_->push_uint64(v); });
    }
    // A number with a fraction or an exponent, or an integer beyond 64 bits, as its text: a
    // double field reads it with std::from_chars, which rounds correctly.
    void floating(std::string_view text) {
        scalar([](const Ops& o) { return o.on_double; },
               [&] { return "the number " + std::string(text); },
               [&](auto fn, Slot slot) { return fn(slot.target, text, *this); },
               [&] { capture_->push_double(json_number_value(text)); });
    }
    void boolean(bool v) {
        scalar([](const Ops& o) { return o.on_bool; },
               [&] { return std::string(v ? "true" : "false"); },
               [&](auto fn, Slot slot) { return fn(slot.target, v, *this); },
               [&] { capture_->push_bool(v); });
    }
    void null() {
        scalar([](const Ops&) { return static_cast<bool (*)(void*, bool, Reader&)>(nullptr); },
               [] { return std::string("null"); }, [&](auto, Slot) { return false; },
               [&] { capture_->push_null(); });
    }
    void key(std::string_view k) {
        if (skip_depth_)
            return;
        if (capture_depth_) {
            capture_->push_key(k);
            return;
        }
        field_key(k);
    }

private:
    REPORTKIT_COLD void report(std::string pointer, std::string_view code, std::string message,
                               Severity severity = Severity::error) {
        errors_ += severity == Severity::error;
        diagnostics_.push_back(
            Diagnostic{std::move(pointer), std::string(code), severity, std::move(message)});
    }

    struct Frame {
        void* obj = nullptr;
        const Ops* ops = nullptr;
        const void* self_field = nullptr; // this value's member in its parent, for FieldStates
        std::size_t errors_at_start = 0;
        std::uint64_t present = 0; // objects: bit i set once field i was seen
        std::size_t child = 0;     // objects: field index of the value being read; arrays: count
        std::size_t guess = 0;     // objects: the field index the next key most likely has
        bool is_array = false;
        bool skip_value = false; // objects: the current key is unknown or repeated
    };

    static std::string make_pointer(const void* self) {
        const auto* r = static_cast<const Reader*>(self);
        return r->pointer_to(r->stack_.size() - 1);
    }

    // The pointer of the value the frames [0, depth) lead to.
    REPORTKIT_COLD std::string pointer_to(std::size_t depth) const {
        std::string p;
        for (std::size_t i = 0; i < depth; ++i) {
            const Frame& f = stack_[i];
            if (f.is_array) {
                p += '/';
                p += std::to_string(f.child - 1);
            } else {
                append_pointer_token(p, f.ops->names[f.child]);
            }
        }
        return p;
    }

    // The slot of the value that starts now; target null when it is to be skipped.
    Slot next_slot() {
        if (stack_.empty()) {
            if (root_done_)
                return {};
            root_done_ = true;
            return root_;
        }
        Frame& f = stack_.back();
        if (f.is_array) {
            ++f.child;
            return f.ops->append(f.obj, *this);
        }
        if (f.skip_value)
            return {};
        return f.ops->field(f.obj, f.child);
    }

    template <class Describe>
    REPORTKIT_COLD void type_error_of(const Slot& slot, Describe describe) {
        type_error(slot, describe());
    }

    REPORTKIT_COLD void type_error(const Slot& slot, const std::string& got) {
        error(code::type, "expected " + slot.ops->expected() + ", got " + got);
        if (slot.field)
            states_.mark(slot.field, FieldState::invalid);
    }

    template <class Select, class Describe, class Apply, class Capture>
    void scalar(Select select, Describe describe, Apply apply, Capture capture) {
        if (skip_depth_ || capture_depth_) [[unlikely]] {
            if (!skip_depth_)
                capture();
            return;
        }
        Slot slot = next_slot();
        if (!slot.target) [[unlikely]]
            return;
        if (slot.ops->any) [[unlikely]] {
            capture_scalar(slot, describe, capture);
            return;
        }
        auto fn = select(*slot.ops);
        if (!fn) [[unlikely]] {
            type_error_of(slot, describe);
            return;
        }
        if (!apply(fn, slot) && slot.field) [[unlikely]]
            states_.mark(slot.field, FieldState::invalid);
    }

    // A scalar where any JSON value goes (boost::json::value), or an error where only an object
    // does.
    template <class Describe, class Capture>
    [[gnu::noinline]] void capture_scalar(const Slot& slot, Describe describe, Capture capture) {
        if (slot.ops->any_object_only) {
            type_error(slot, describe());
            return;
        }
        start_capture();
        capture();
        *static_cast<boost::json::value*>(slot.target) = capture_->release();
    }

    void start_capture() {
        if (!capture_)
            capture_.emplace();
        capture_->reset();
    }

    void begin(bool array) {
        if (skip_depth_) {
            ++skip_depth_;
            return;
        }
        if (capture_depth_) {
            ++capture_depth_;
            return;
        }
        Slot slot = next_slot();
        if (!slot.target) {
            skip_depth_ = 1;
            return;
        }
        if (slot.ops->any && !(array && slot.ops->any_object_only)) {
            start_capture();
            capture_target_ = slot;
            capture_depth_ = 1;
            return;
        }
        bool fits = array ? slot.ops->append != nullptr : slot.ops->field != nullptr;
        if (!fits) {
            type_error(slot, array ? "an array" : "an object");
            skip_depth_ = 1;
            return;
        }
        // Filled in place: a Frame built aside and copied in costs a store-forwarding stall per
        // object (measured: the hottest instruction of begin()).
        Frame& f = stack_.emplace_back();
        f.obj = slot.target;
        f.ops = slot.ops;
        f.self_field = slot.field;
        f.errors_at_start = errors_;
        f.is_array = array;
    }

    void end(bool array, std::size_t n) {
        if (skip_depth_) {
            --skip_depth_;
            return;
        }
        if (capture_depth_) {
            if (array)
                capture_->push_array(n);
            else
                capture_->push_object(n);
            if (--capture_depth_ == 0) {
                auto* target = static_cast<boost::json::value*>(capture_target_.target);
                *target = capture_->release();
            }
            return;
        }
        Frame& f = stack_.back();
        if (!array) {
            f.ops->object_end(f.obj, f.present, *this);
        } else {
            if (f.ops->array_end)
                f.ops->array_end(f.obj, *this);
            if (errors_ != f.errors_at_start && f.self_field)
                // Rules judge an array as a whole (non_empty, unique): a bad item spoils it.
                states_.mark(f.self_field, FieldState::invalid);
        }
        stack_.pop_back();
    }

    // A key of the struct being read: which field it names, or why it is skipped.
    void field_key(std::string_view k) {
        Frame& f = stack_.back();
        const Ops& ops = *f.ops;
        // Keys mostly come in declaration order: the field after the previous key is tried
        // first, and only a miss searches the others.
        std::size_t i = f.guess < ops.name_count ? f.guess : 0;
        if (ops.name_count == 0 || !same_key(ops.names[i], k)) {
            std::size_t j = 0;
            while (j < ops.name_count && !same_key(ops.names[j], k))
                ++j;
            i = j;
        }
        f.guess = i + 1;
        if (i == ops.name_count) [[unlikely]] {
            f.skip_value = true;
            unknown_key(k);
        } else if (f.present & (std::uint64_t{1} << i)) [[unlikely]] {
            f.skip_value = true;
            duplicate_key(k);
        } else {
            f.present |= std::uint64_t{1} << i;
            f.child = i;
            f.skip_value = false;
        }
    }

    // The problems are out of line: their strings kept the hot paths in big stack frames.
    REPORTKIT_COLD void unknown_key(std::string_view k) {
        const Ops& ops = *stack_.back().ops;
        std::string allowed;
        for (std::size_t j = 0; j < ops.name_count; ++j)
            allowed += (j ? ", \"" : "\"") + std::string(ops.names[j]) + '"';
        std::string pointer = pointer_to(stack_.size() - 1);
        append_pointer_token(pointer, k);
        report(std::move(pointer), code::unknown_key,
               "unknown key " + quoted_excerpt(k) + "; allowed keys are " + allowed,
               options_.unknown_keys);
    }

    REPORTKIT_COLD void duplicate_key(std::string_view k) {
        key_error(k, code::duplicate_key,
                  "duplicate key \"" + std::string(k) + "\"; the first occurrence is kept");
    }

    Slot root_;
    bool root_done_ = false;
    const ReadOptions& options_;
    std::optional<Date> today_; // options_.today, or the UTC date once a rule has asked for it
    // Deep enough for any non-recursive struct of the API without touching the heap.
    boost::container::small_vector<Frame, 12> stack_;
    alignas(std::max_align_t) unsigned char item_buffer_[1024];
    std::size_t buffered_count_ = 0;
    std::vector<Diagnostic> diagnostics_;
    std::size_t errors_ = 0;
    FieldStates states_;
    std::size_t skip_depth_ = 0;    // > 0 inside a value that is skipped (reported already)
    std::size_t capture_depth_ = 0; // > 0 inside a value captured as a DOM
    Slot capture_target_;
    // Made on the first value captured as a DOM: most documents have none, and making and
    // destroying it was a tenth of a small document's read.
    std::optional<boost::json::value_stack> capture_;
};

} // namespace reportkit::detail
