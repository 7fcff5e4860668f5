/** Fotor's own hosts: results come from pub-static.fotor.com and its siblings, over https. */
const FOTOR_DOMAIN = 'fotor.com';

/**
 * Whether the trigger may download a URL a delivery names. A delivery can be forged (the sender IP
 * list may be cleared and Fotor signs nothing), so only Fotor's result hosts (https on fotor.com
 * and its subdomains) and the credential's Storage Base URL (custom environment) are fetched;
 * anything else, such as an internal address, is never requested.
 */
export function isResultUrlAllowed(url: string, storageBaseUrl: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}
	if (target.username || target.password) return false;
	const host = target.hostname.toLowerCase();
	if (target.protocol === 'https:' && (host === FOTOR_DOMAIN || host.endsWith(`.${FOTOR_DOMAIN}`))) return true;
	try {
		const storage = new URL(storageBaseUrl);
		const prefix = storage.pathname.replace(/\/+$/, '');
		return target.origin === storage.origin && (prefix === '' || target.pathname === prefix || target.pathname.startsWith(`${prefix}/`));
	} catch {
		return false;
	}
}
