export class LoyaltyModuleService {
  private readonly points = new Map<string, number>();

  addPoints(email: string, points: number): number {
    const balance = (this.points.get(email) ?? 0) + points;
    this.points.set(email, balance);
    return balance;
  }

  removePoints(email: string, points: number): number {
    const balance = Math.max(0, (this.points.get(email) ?? 0) - points);
    this.points.set(email, balance);
    return balance;
  }
}
