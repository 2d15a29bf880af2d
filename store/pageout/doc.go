// Package pageout hands back to the kernel the file pages a process has
// mapped from one folder, so that what it reads and writes through memory
// maps does not pile up in its resident memory.
//
// Badger maps every table, write-ahead and value-log file into memory and
// writes tables through those maps. The pages stay resident, and counted in
// the process's RSS, until the kernel needs the memory back: a desk node's
// RSS grew with the tables it had written or read, by ~40 MB in the sync
// benchmark at 50k dossiers. A Keeper watches the process's file-backed
// resident memory and, when it has grown, asks the kernel to page out the
// mappings of the database's files (madvise MADV_PAGEOUT, Linux 5.4 or
// later). The pages are reclaimed like any others under memory pressure:
// clean ones are dropped, dirty ones written first, and a later access reads
// them back, so no data can be lost, whatever the mapping. On other systems,
// or on older kernels, a Keeper does nothing.
package pageout
