/**
 * This package's version, sent as `User-Agent: openai-admin-keys/<version>`.
 * A test keeps it equal to the `version` in package.json.
 */
export const VERSION = "0.1.0";
