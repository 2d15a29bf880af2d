// Package dossier is the one-stop desk's dossier lifecycle as pure domain
// logic: the events, the fold that turns them into the dossier a clerk sees,
// the rules that say who may do what and when, dossier codes and tracking
// books, timing and search keys. It does no I/O and knows nothing of
// storage, Wails or libp2p; time comes from its callers and working days
// from a *calendar.Calendar.
//
// # Events
//
// Every action on a dossier is one event: a Kind ("dossier.received", …)
// and a JSON body, one struct per kind (Received, HandedOver, …) with
// camelCase names and a version field "v" (Version). Values computed with a
// calendar — the due date, a step's or a task's due date, the restarted due
// date after a supplement — are computed by the service when it writes the
// event (Stamp, with DueDate, PlanStep, StepDue, RestartDue) and stored in
// the body, so the fold needs no calendar and a later calendar edit never
// moves a date already given to a citizen.
//
// # Fold
//
// Fold turns a dossier's events, in the store's fold order, into a Dossier;
// Dossier.Apply folds one more. The fold is deterministic and total: an
// unreadable event becomes a Problem, and an event invalid given the events
// before it (a second return, a correction after the return, an action by an
// office that no longer holds the dossier) becomes a Conflict that stays
// listed, unapplied, until a KindConflictResolved event keeps or discards
// it.
//
// # Rules
//
// RuleTable is the action table: for each kind, which role may act, in
// which statuses and from which office. Check applies it with the legal
// time limits (a supplement within SupplementLimitWD working days of
// reception; a reschedule at least RescheduleNoticeWD working day before the
// due date or once the dossier is already late, once, to a working day after
// the date it replaces; a procedure may set its own limits) and the bodies'
// content; AllowedActions lists what a user may do now. Errors are *RuleError with a stable code (errors.go, an
// append-only list).
//
// # Codes and books
//
// See code.go: FormatCode, ParseCode and Serial give each desk of an office
// its own block of each day's numbers, so that desks offline never collide;
// Book is a per-desk, per-year tracking book.
//
// # Time
//
// Classify compares the day something finished with its due day (early,
// on time, late; DOMAIN.md §4). A dossier is judged by ClassifyDossier
// against its original due date (an apology admits lateness) or, when the
// province so decides, its current one (TimingBasis). An extended time limit
// chosen at reception (Extension) sets the due date and every restart.
// Overdue and DueSoon tell which dossiers need attention. FoldName and IndexKeys give the search keys the store indexes.
package dossier
