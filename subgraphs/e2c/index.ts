import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { e2c } from './server';

void listen(e2c);
