/** Buckets and objects. */
export const s3Schema = `
SELECT 1;
`;
