// Fixture app: the brand module's service (generated CRUD: createBrands, updateBrands, ...).
import { MedusaService } from '@medusajs/framework/utils';
import { Brand } from './models/brand';

class BrandModuleService extends MedusaService({ Brand }) {}

export default BrandModuleService;
