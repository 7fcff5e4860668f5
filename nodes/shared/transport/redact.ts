/**
 * Removes secrets from any text that may reach an error, an output item or a log.
 * Bearer tokens are removed by shape as well, so a key is hidden even if it is not the configured one.
 */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
}
