import { idGenerator } from './idGenerator';

export interface Product {
  id: string;
  title: string;
  handle: string;
  brand_id: string;
}

export class ProductModuleService {
  private readonly products = new Map<string, Product>();
  private readonly newId = idGenerator('prod');

  createProducts(data: Omit<Product, 'id'>[]): Product[] {
    return data.map((d) => {
      const product = { id: this.newId(), ...d };
      this.products.set(product.id, product);
      return { ...product };
    });
  }

  deleteProducts(ids: string[]): void {
    for (const id of ids) this.products.delete(id);
  }
}
