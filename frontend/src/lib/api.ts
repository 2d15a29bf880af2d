// The one seam between the UI and Go. Components import only from here.
// The seam is split by domain under api/, on top of the types generated from
// the Go registry (api.gen.ts); this file re-exports every domain so the
// components' imports keep working.
export * from './api/core';
export * from './api/system';
export * from './api/users';
export * from './api/catalog';
export * from './api/calendar';
export * from './api/dossiers';
export * from './api/print';
export * from './api/fees';
export * from './api/records';
export * from './api/isoRecords';
export * from './api/isoTree';
export * from './api/plans';
export * from './api/inspections';
export * from './api/files';
export * from './api/index766';
export * from './api/scans';
export * from './api/quarterly';
export * from './api/complaints';
