import { SignJWT } from 'jose';

/** Signs an HS256 development token for `sub` (sandbox and tests; production tokens come from your IdP). */
export async function mintToken(
  sub: string,
  secret: string,
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(sub).setIssuedAt();
  jwt = jwt.setExpirationTime(options.expiresIn ?? '24h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
