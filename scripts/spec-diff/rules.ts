// The one table of what a spec change means for the people who import the generated types and
// use the client. compare.ts decides which rule a difference falls under; the kind comes from
// here and nowhere else, so a classification is changed in exactly one place.
//
// "breaking" is provisional: confirm-types.ts downgrades a break the generated types cannot see
// (a bound, a format, a default, the security scheme) to "spec-only". Both fail `spec:diff`.

/** How a rule's change affects consumers, before the generated types have been consulted. */
export type RuleKind = "breaking" | "non-breaking";

interface Rule {
  readonly kind: RuleKind;
  /** One line: why a change of this sort has this kind. */
  readonly reason: string;
}

export const RULES = {
  // Operations
  "path-removed": { kind: "breaking", reason: "Every call to the path stops compiling and the server no longer answers it." },
  "operation-removed": { kind: "breaking", reason: "Calls to the operation stop compiling and the server no longer answers them." },
  "operation-added": { kind: "non-breaking", reason: "A new operation takes nothing away from existing callers." },
  "operation-id-changed": { kind: "breaking", reason: 'Code that names the operation through `operations["<id>"]` stops compiling.' },
  "security-changed": { kind: "breaking", reason: "Callers authenticate the old way and are refused." },

  // Parameters (path, query, header, cookie)
  "parameter-added-required": { kind: "breaking", reason: "Existing calls do not send the new parameter the server now requires." },
  "parameter-added-optional": { kind: "non-breaking", reason: "Existing calls may leave the new parameter out." },
  "parameter-removed": { kind: "breaking", reason: "Calls that send the parameter stop compiling, and the server ignores or rejects it." },
  "parameter-renamed": { kind: "breaking", reason: "Calls send the value under the old name." },
  "parameter-made-required": { kind: "breaking", reason: "Calls that left the parameter out are now invalid." },
  "parameter-made-optional": { kind: "non-breaking", reason: "Every call that was valid stays valid." },

  // Request bodies
  "request-body-added": { kind: "non-breaking", reason: "An optional body may be left out, as before." },
  "request-body-removed": { kind: "breaking", reason: "Calls that send a body stop compiling and the server ignores it." },
  "request-body-made-required": { kind: "breaking", reason: "Calls without a body are now invalid." },
  "request-body-made-optional": { kind: "non-breaking", reason: "Every call that was valid stays valid." },
  "request-property-added-required": { kind: "breaking", reason: "Existing requests lack a field the server now requires." },
  "request-property-added-optional": { kind: "non-breaking", reason: "Existing requests may leave the new field out." },
  "request-property-removed": { kind: "breaking", reason: "Requests that set the field stop compiling and the server ignores or rejects it." },
  "request-property-made-required": { kind: "breaking", reason: "Requests that left the field out are now invalid." },
  "request-property-made-optional": { kind: "non-breaking", reason: "Every request that was valid stays valid." },

  // Values sent (parameters and request bodies): narrowing rejects what used to be accepted
  "request-type-narrowed": { kind: "breaking", reason: "Values of the dropped type (or null) are no longer accepted." },
  "request-type-widened": { kind: "non-breaking", reason: "Every value accepted before is still accepted." },
  "request-enum-narrowed": { kind: "breaking", reason: "Callers sending a dropped value are refused." },
  "request-enum-widened": { kind: "non-breaking", reason: "Every value accepted before is still accepted." },
  "request-bounds-narrowed": { kind: "breaking", reason: "Values that were within the old bounds can now be refused." },
  "request-bounds-widened": { kind: "non-breaking", reason: "Every value accepted before is still accepted." },
  "default-changed": { kind: "breaking", reason: "Callers that leave the value out get different behaviour." },

  // Responses
  "response-status-removed": { kind: "breaking", reason: "Code that handles the status through the typed response stops compiling." },
  "response-status-added": { kind: "non-breaking", reason: "A newly documented status adds to what callers may handle." },
  "media-type-removed": { kind: "breaking", reason: "Code that sends or reads that media type loses its types." },
  "media-type-added": { kind: "non-breaking", reason: "An additional media type takes nothing away." },
  "response-property-removed": { kind: "breaking", reason: "Code that reads the field stops compiling." },
  "response-property-made-optional": { kind: "breaking", reason: "Code that reads the field must now handle its absence." },
  "response-property-added": { kind: "non-breaking", reason: "Callers can ignore a field they do not know." },
  "response-property-made-required": { kind: "non-breaking", reason: "A field that is always there is still safe to treat as optional." },
  "response-type-changed": { kind: "breaking", reason: "Code that reads the value as the old type breaks." },
  "response-made-nullable": { kind: "breaking", reason: "Code that reads the value must now handle null." },
  "response-nullable-removed": { kind: "non-breaking", reason: "Code that handles null keeps working when null never comes." },
  "response-enum-changed": { kind: "breaking", reason: "Code that switches over the values meets one it does not know, or misses one." },
  "response-bounds-changed": { kind: "non-breaking", reason: "Readers do not depend on the documented bounds of a value." },
  "format-changed": { kind: "breaking", reason: "The same JSON type now carries a different meaning (e.g. Unix seconds vs an ISO date)." },

  // Documentation and the rest
  "description-changed": { kind: "non-breaking", reason: "Wording changes nothing a program can observe." },
  "example-changed": { kind: "non-breaking", reason: "Examples change nothing a program can observe." },
  "unclassified-change": { kind: "non-breaking", reason: "A keyword this table does not classify changed; review it by hand." },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as readonly RuleId[];
