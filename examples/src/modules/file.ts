import { idGenerator } from './idGenerator';

export interface StoredFile {
  id: string;
  url: string;
}

export class FileModuleService {
  private readonly files = new Map<string, { filename: string; content: string }>();
  private readonly newId = idGenerator('file');

  createFiles(data: { filename: string; mimeType: string; content: string }): StoredFile {
    if (!data.mimeType.startsWith('image/')) {
      throw new Error(`Unsupported logo type "${data.mimeType}"`);
    }
    const id = this.newId();
    this.files.set(id, { filename: data.filename, content: data.content });
    return { id, url: `https://cdn.example.com/${id}/${data.filename}` };
  }

  deleteFiles(id: string): void {
    this.files.delete(id);
  }

  has(id: string): boolean {
    return this.files.has(id);
  }
}
