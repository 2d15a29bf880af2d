// Package report computes the periodic report II.06a (Circular
// 01/2020/TT-VPCP), the 2012 plan's targets and the satisfaction scores
// from compact facts about dossiers. It is pure: the facts, the catalog's
// sectors and the rules come in, numbers come out, the same on every node
// that holds the same records. It reads no store and keeps no clock; the
// application (app/reports*.go) gathers the facts and the office's rules.
//
// # Facts
//
// A Fact (fact.go) is what the reports need to know about one dossier,
// taken from its fold by FromDossier and small enough to live in an index
// entry (Encode, DecodeFact): a province's report reads one key per dossier
// and decodes nothing else. Times are Unix seconds.
//
// # Periods and rules
//
// A Period (period.go) is a label ("2026Q4", "2026-11", "2026") with its
// days chosen by a Window: calendar months or the practice of the reports
// to the Government Office, from the 15th to the 14th. Rules are an
// office's report settings, recorded as data because practice differs
// between provinces and changes: the window, whether reception counts from
// the working day time is counted from, the timing basis, where withdrawn
// and stopped dossiers go, how many days "due soon" looks ahead.
//
// # The one definition of overdue
//
// StandingAt (standing.go) says how a dossier stands against its due date
// at an instant — open, overdue, due soon — and every view that shows it
// uses it: the dossier list and its counters, the dashboard, the drill-down
// lists and II.06a's columns 12 and 13. So they agree when judged at the
// same instant.
//
// # II.06a
//
// Compute (ii06a.go) counts the facts into the form's columns 3 to 13,
// one Row per sector and the total; Columns says which columns one fact
// falls in, for the drill-down. A Doc (document.go) is a computed II.06a
// with its header and notes, written as the form prints them, ready for
// WriteCSV (csv.go) and WriteXLSX (xlsx.go); the PDF is drawn by package
// print (print/ii06a.go) from the same Doc.
//
// # Targets, satisfaction, fees
//
// Targets (targets.go) measures the office against the 2012 plan's goals;
// ScoreSatisfaction (satisfaction.go) scores offices and officers on the nine
// indicators from the citizens' ratings; the fee book (feebook.go,
// feebook_xlsx.go) lists each receipt of a period with its day's subtotal
// and the totals by method of payment.
//
// # The Decision 766 index
//
// Index (index766.go) computes the indicators of the national
// service-quality index the records allow (DOMAIN §12): the on-time rate
// with its supplement rules, the average time, the shares by channel and
// paid online, digitization, electronic results and reuse, complaints
// (counted elsewhere and passed in as ComplaintCounts) and satisfaction,
// each scored under IndexRules — data kept in the report rules
// (Rules.Index766) so a province changes ids, points and thresholds
// without a release. IndexMember says which dossiers a figure counts, for
// the drill-down; IndexDoc (index766_doc.go) is the index ready to print
// (print/index766.go) or export (WriteIndexXLSX).
package report
