import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Text to Image style IDs seen in third-party code (shared/fotor-api.md, Appendix A). Fotor's
 * style page could not be read, so the list may be stale: "By ID" always lets users send any ID.
 */
const TEXT_TO_IMAGE_STYLES: Array<[string, string]> = [
	['3D', 'aea8b4f46e0d46a3b3ef96204979c022'],
	['3D Cartoon', '42c9a54f-8964-4f49-b741-f403d921f2ba'],
	["90's Anime", '0a8f1974-413f-4f00-bcfb-2c40a0108ce2'],
	['Acrylic Painting', '5b860185-656d-4c2a-88b7-f6041f4908bb'],
	['Anime', '99d61f0e-f6c8-4769-9f4c-e2276c16970c'],
	['Anime Illustration', '73d53e3c-e1b7-4b8b-9f01-36376879a170'],
	['Art Nouveau', 'b6cbf0311d9948f6941bca1866302b4f'],
	['Art Oils', '8de6450e-781f-4331-abf6-3abef3418dc6'],
	['B&W', '88c4c378-6566-4a24-9450-072b1d6f9576'],
	['B&W Tattoo', 'bd60f732-0b41-4346-84f1-b411549c6633'],
	['Cartoon', 'efd34eb3-7eeb-4fa2-8f92-1c007601ad26'],
	['Chinese Illustration', '60f20609-8e0e-49e3-89a8-2d3b4b30ebc6'],
	['Chinese Ink Painting', '7aed6f1a-adc7-4e2a-9394-48e5db36e27e'],
	['Cinematic', '14f570be-29d4-451a-ba72-39f92e324b9c'],
	['Color Manga', 'e81a863f-c093-4a9c-bc8d-60b9b85f42b3'],
	['Colored Pencil Drawing', 'e65e33dd-0d1a-4966-af06-1db3738017d1'],
	['Creepy Tattoo', 'e7786560-1654-4bec-a325-44954bc5c3fc'],
	['Digital Art', 'b350e73e-9092-4ac6-8455-f1a199634e79'],
	['Halloween Art', '47fca709-f279-4f94-a612-1a39660ba7f6'],
	['Icon', 'e7f792c0-a952-407e-83f1-069dd63d6e45'],
	['Japanese Anime', 'eb4afa5c4e7f41d79c391569d7affacb'],
	['Line Drawing', 'e582391f-7ab5-4cb0-add9-e275d040f50d'],
	['Logo', '6fd123ec-ac32-4146-9adf-b6264f128ac3'],
	['Neonpunk', '4ec158a3-737d-42ce-9742-6f9f199ed024'],
	['None', 'bb43a4fa-105c-444a-9485-2707e147a538'],
	['Oil Painting', '2ffc5f83d4574cefa59638cda871c834'],
	['Photography 1', '69fbd669d434418b9c1414f9476f50e1'],
	['Photography 2', 'b082c8ee-ceb5-4e15-8acd-0c3af3c5fccb'],
	['Photography 3', 'fb635fa3-e2fd-4f59-99e1-318d01e078e4'],
	['Photography 4', '6b8d16cf-9402-4c22-b1e8-39eccce3436b'],
	['Pixel Art', 'c9aedf8f-4ddb-48b1-b98e-e959f6c9e9df'],
	['Psychedelic', '49cc4c28-22bc-42fa-ab6b-2c392185c2b2'],
	['Psychedelic Pop', '70107397b1a24ad38f0c731e4d519018'],
	['Tattoo Art', '7b3b1f40-60b0-41df-8280-238baae78c38'],
	['Tee Printing', 'c1dd6e9f-d573-450d-b083-98fdc8e88ddd'],
	['Ukiyo-E', '818d8d769c54473ca4342ac36ace9777'],
];

/** Fotor's own default for Text to Image ("Photography 4"). */
export const DEFAULT_TEXT_TO_IMAGE_STYLE = '6b8d16cf-9402-4c22-b1e8-39eccce3436b';

/** Dropdown value that switches to a free-text ID field. */
export const BY_ID = 'byId';

export const textToImageStyleOptions: INodePropertyOptions[] = [
	{ name: 'By ID', value: BY_ID, description: 'Enter any style ID from Fotor\'s style list' },
	...TEXT_TO_IMAGE_STYLES.map(([name, value]) => ({ name, value })),
];
