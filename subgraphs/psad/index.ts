import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { psad } from './server';

void listen(psad);
