// Fixture app: the brand data model (DML), one table `brand`. Loaded by Medusa's module loader.
import { model } from '@medusajs/framework/utils';

export const Brand = model.define('brand', {
  id: model.id({ prefix: 'brand' }).primaryKey(),
  name: model.text(),
  handle: model.text().unique(),
  description: model.text().nullable(),
});
