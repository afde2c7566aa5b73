// One home for the rule: the server's single sign-on callback follows `next` through the same function.
export { safeNext } from '@quartierplan/domain';
