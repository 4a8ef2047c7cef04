// Ghost's official Content API client ships no types; the tests use it as a front end would.
declare module '@tryghost/content-api';
