export * from './leased-session';
export * from './log-follower';
