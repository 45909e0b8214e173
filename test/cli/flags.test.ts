// The one table from client parameters to the CLI's flags, and how a message is rewritten with it.
import { describe, expect, it } from "vitest";
import { inCliTerms } from "../../src/cli/flags.js";
import { InvalidParameterError } from "../../src/index.js";

describe("the mapping from client parameters to the CLI's flags", () => {
  it.each([
    ["limit", "limit must be an integer from 1 to 100; got 500", "--limit must be an integer from 1 to 100; got 500"],
    ["keyId", 'keyId must be a non-empty string; got ""', '<id> must be a non-empty string; got ""'],
    ["baseUrl", "baseUrl must not hold a user name or password; send the admin key as apiKey.", "--base-url must not hold a user name or password; send the admin key as OPENAI_ADMIN_KEY."],
    ["apiKey", "apiKey is empty; it must hold an admin API key (sk-admin-…).", "OPENAI_ADMIN_KEY is empty; it must hold an admin API key (sk-admin-…)."],
    // A plain word is a flag only as the subject; the value after "; got" is the user's, verbatim.
    ["name", 'name must be a non-empty string; got "baseUrl limit"', '--name must be a non-empty string; got "baseUrl limit"'],
    ["after", "the page after this one has no name", "the page after this one has no name"],
    // The parameter alone, before the value, is the subject too.
    ["order", 'order; got "newest"', '--order; got "newest"'],
    ["maxRetries", "maxRetries must be an integer from 0 to 10; got 11", "maxRetries must be an integer from 0 to 10; got 11"],
  ])("rewrites %s: %j", (param, message, expected) => {
    expect(inCliTerms(new InvalidParameterError(param, message))).toBe(expected);
  });
});
