import { idGenerator } from './idGenerator';

export interface Brand {
  id: string;
  name: string;
  handle: string;
  logo_url: string | null;
}

export class BrandModuleService {
  private readonly brands = new Map<string, Brand>();
  private readonly newId = idGenerator('brand');

  createBrands(data: { name: string; handle: string }): Brand {
    if ([...this.brands.values()].some((b) => b.handle === data.handle)) {
      throw new Error(`Brand with handle "${data.handle}" already exists`);
    }
    const brand: Brand = { id: this.newId(), name: data.name, handle: data.handle, logo_url: null };
    this.brands.set(brand.id, brand);
    return { ...brand };
  }

  retrieveBrand(id: string): Brand {
    const brand = this.brands.get(id);
    if (!brand) throw new Error(`Brand with id "${id}" not found`);
    return { ...brand };
  }

  updateBrands(data: Partial<Brand> & { id: string }): Brand {
    const updated = { ...this.retrieveBrand(data.id), ...data };
    this.brands.set(updated.id, updated);
    return { ...updated };
  }

  deleteBrands(id: string): void {
    this.brands.delete(id);
  }

  listBrands(): Brand[] {
    return [...this.brands.values()].map((b) => ({ ...b }));
  }
}
