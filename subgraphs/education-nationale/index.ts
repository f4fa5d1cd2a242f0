import 'reflect-metadata';
import { listen } from '../../platform/server/listen';
import { educationNationale } from './server';

void listen(educationNationale);
