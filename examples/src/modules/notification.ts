import { idGenerator } from './idGenerator';

export interface Notification {
  id: string;
  to: string;
  channel: 'email';
  template: string;
  data: Record<string, unknown>;
}

export class NotificationModuleService {
  readonly sent: Notification[] = [];
  private readonly newId = idGenerator('noti');

  createNotifications(data: Omit<Notification, 'id'>): Notification {
    if (!data.to.includes('@')) throw new Error(`Invalid recipient "${data.to}"`);
    const notification = { id: this.newId(), ...data };
    this.sent.push(notification);
    return structuredClone(notification);
  }
}
