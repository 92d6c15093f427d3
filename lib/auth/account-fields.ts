/** Display names are shown on every comment and in the header: one line, at most this long. */
export const NAME_MAX_LENGTH = 100;
/** RFC 5321's limit on a forward path, which every real address fits in. */
export const EMAIL_MAX_LENGTH = 254;
/** better-auth lets an account carry a picture address; nothing here shows it, so it stays short. */
export const IMAGE_MAX_LENGTH = 2_048;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What is wrong with the account fields about to be stored (sign-up, update-user), in words for
 * the person who typed them, or null. Fields absent from an update are not checked.
 */
export function accountFieldsProblem(fields: { name?: unknown; email?: unknown; image?: unknown }): string | null {
  if (fields.name !== undefined) {
    if (typeof fields.name !== "string" || fields.name.trim().length === 0) return "Enter a name.";
    if (fields.name.length > NAME_MAX_LENGTH)
      return `Names are limited to ${NAME_MAX_LENGTH} characters; this one has ${fields.name.length.toLocaleString("en-US")}.`;
    if (CONTROL_CHARACTERS.test(fields.name)) return "A name is one line of text, without control characters.";
  }
  if (fields.email !== undefined) {
    if (typeof fields.email !== "string" || fields.email.length > EMAIL_MAX_LENGTH) return `Email addresses are limited to ${EMAIL_MAX_LENGTH} characters.`;
  }
  if (fields.image !== undefined && fields.image !== null) {
    if (typeof fields.image !== "string" || fields.image.length > IMAGE_MAX_LENGTH)
      return `A picture address is limited to ${IMAGE_MAX_LENGTH.toLocaleString("en-US")} characters.`;
  }
  return null;
}
