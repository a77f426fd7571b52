// The second referee: ajv 8 with ajv-formats, in strict mode, against the draft 2020-12 export.
//
//   node ajv_referee.js INPUT.json
//
// INPUT is {"schemas": {type: schema}, "payloads": [{"type": ..., "text": ...}]}; the output is
// one verdict per payload, in order: [{"valid": true|false, "errors": "..."}]. The payload text
// is parsed here, by JavaScript's own JSON.parse, not by the C++ side.
"use strict";

const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// strictRequired would want every `required` name repeated under `properties` in each `if`/`then`
// branch; the other strict checks (unknown keywords, types) stay on.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);

const validators = {};
for (const [type, schema] of Object.entries(input.schemas)) {
  validators[type] = ajv.compile(schema);
}

const verdicts = input.payloads.map(({ type, text }) => {
  const validate = validators[type];
  const valid = validate(JSON.parse(text));
  return { valid, errors: valid ? "" : ajv.errorsText(validate.errors) };
});
process.stdout.write(JSON.stringify(verdicts));
