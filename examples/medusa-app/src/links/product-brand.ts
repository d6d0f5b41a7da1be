// Fixture app: a product belongs to one brand, a brand has many products (a link table that
// `medusa db:migrate` creates).
import { defineLink } from '@medusajs/framework/utils';
import ProductModule from '@medusajs/medusa/product';
import BrandModule from '../modules/brand';

export default defineLink(
  { linkable: ProductModule.linkable.product, isList: true },
  BrandModule.linkable.brand,
);
