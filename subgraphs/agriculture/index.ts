import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { agriculture } from './server';

void listen(agriculture);
