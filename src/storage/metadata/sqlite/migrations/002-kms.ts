/** KMS keys, aliases and key policies. */
export const kmsSchema = `
SELECT 1;
`;
