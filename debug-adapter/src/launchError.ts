// Debug adapter: the error a launch request fails with (one clear sentence). Thrown by
// launchConfig.ts, replayLaunch.ts and stepCode.ts; re-exported by launchConfig.ts.
export class LaunchError extends Error {}
