// Package catalog is the procedure catalog's model: the Procedure type and
// its validation, the default catalog the app ships, and the catalog's file
// formats (JSON, CSV and XLSX). It is pure Go: it knows nothing of storage,
// Wails or libp2p, and reads and writes files only through io.Reader and
// io.Writer.
//
// # Procedures
//
// A Procedure is identified by its code: a national code ("1.001193",
// NationalCodePattern) or, when the national database has none, a local code
// ("L.HTT5T5TX", LocalCodePattern) that LocalCode derives from the sector and
// name. Time limits are in working days (0 = the same day); step times are
// in working hours (HoursPerWorkingDay to a day). Clean normalises (NFC,
// trimmed) and validates a procedure; Validate lists every problem with its
// field's JSON name and a stable code.
//
// # Files
//
// Import reads a file whole and refuses it whole: the *ImportError lists
// every problem with its row, column and a stable code (CodeRequired, …).
// Files are at most MaxImportBytes and MaxImportRows procedures. Export
// writes what Import reads back unchanged.
//
// CSV and XLSX share one header row, Columns, written in this order (Import
// accepts any order; name, sector and time_limit_wd must be there, and an
// absent column reads as empty cells):
//
//	code                    national or local code; empty: LocalCode's
//	name                    the procedure's name
//	sector                  lĩnh vực
//	level                   commune (when empty), district, province
//	time_limit_wd           working days, a whole number; required
//	extended_time_limit_wd  working days; empty: none
//	fee_vnd                 đồng, a whole number; empty: set by the provincial council
//	fee_note                text
//	interagency             none (when empty), same_level, cross_level
//	agencies                "UBND xã | Công an xã"
//	documents               "Tờ khai:original:1; CCCD:copy:1; Giấy ủy quyền:copy:1:optional"
//	steps                   "Tiếp nhận hồ sơ:clerk:1:Mẫu 01; Thẩm định:officer:4"
//	confidence              law, practice, unsure (when empty)
//	active                  true (when empty) or false; also 1/0, yes/no, có/không
//	extended_reason         when the extended limit applies ("cần xác minh")
//	supplement_limit_wd     working days to ask for missing papers; empty: the general rule
//	reschedule_notice_wd    working days' notice of an apology; empty: the general rule
//	fee_rule                "kind:per_page; vnd_per_page:2000; from_page:3; …" (see FeeRule);
//	                        empty: the rule fee_vnd gives
//	deciding_agency         "UBND xã", "Công an xã"
//	basis                   the legal basis
//
// A document's form is original, certified_copy, copy or show (a paper
// shown and handed back). Fees are rules (FeeRule): free, fixed (per unit,
// cheaper online), per page (with a lower rate from a page on and a cap per
// copy) or provincial (entered by the administrator), with exemptions;
// FeeRule.Compute gives the amount and how it was computed. The JSON shape
// holds the rule as an object under "fee".
//
// Numbers are written with digits only: "8.000" is refused rather than read
// as 8 or 8000. In the list columns, items are separated by "; " (agencies
// by " | ") and an item's parts by ":"; a document is
// name:form[:count[:required|optional]] (count 1 and required when left
// out), a step name:role:hours[:form], hours with a decimal dot. Inside a
// part, a backslash escapes "\", ";", ":" and "|"; Export escapes them
// wherever they occur. Space around items and parts is ignored. Blank rows are
// skipped. A CSV file is UTF-8, with or without a byte-order mark (Export
// writes one, for Excel), comma-separated; a file separated by semicolons or
// tabs, or in another encoding, gets one clear error. An XLSX workbook holds
// the procedures in the sheet SheetName (or its only sheet), numbers as
// numbers.
//
// A JSON file is {"version": "…", "procedures": [...]} with the procedures
// in their JSON shape; Import also accepts the shipped sample's shape
// (snake_case keys such as "time_limit_wd", null codes and fees, no steps)
// and a bare list. Keys are matched without regard to case or underscores;
// unknown keys are refused.
//
// # The default catalog
//
// Default reads the embedded catalog (defaults/procedures.json: the
// project's reference catalog of 2025 converted to this package's JSON
// shape, with the former sample's other entries) and gives each procedure
// DefaultSteps as its step table. Papers, limits, extended limits and their
// reasons, fee rules, deciding agencies and legal bases come from the
// reference, each with its confidence; the step tables are defaults an
// administrator edits, not legal facts.
package catalog
