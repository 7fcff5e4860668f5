/** Fixed facts about the Fotor OpenAPI that both nodes and the credential rely on. */
export const FOTOR_PRODUCTION_URL = 'https://api-b.fotor.com';
export const FOTOR_SANDBOX_URL = 'https://api-b-sandbox.fotor.com';
/** Headshot results may come back as s3://img-pub-fotor/<path>; Fotor's own clients rewrite them to this host. */
export const FOTOR_STORAGE_URL = 'https://pub-static.fotor.com';
export const FOTOR_S3_PREFIX = 's3://img-pub-fotor/';

/** Fotor sits behind Cloudflare, which answers 403/1010 to some default library user agents. */
export const USER_AGENT = 'n8n-nodes-fotor (+https://github.com/fotor-n8n/n8n-nodes-fotor)';

export const SUCCESS_CODE = '000';
export const NO_CREDITS_CODE = '510';

export const DEFAULT_READ_TIMEOUT_MS = 15_000;
export const DEFAULT_SUBMIT_TIMEOUT_MS = 30_000;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 120_000;
export const DEFAULT_UPLOAD_TIMEOUT_MS = 120_000;
