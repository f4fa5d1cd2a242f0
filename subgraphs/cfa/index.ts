import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { cfa } from './server';

void listen(cfa);
