/** The app's version, as in package.json (a test keeps them equal); shown in About. */
export const APP_VERSION = '0.1.0';
export const APP_NAME = 'Dockwright';
