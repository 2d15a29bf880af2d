// Package app is the application layer: the services a clerk's screen, the
// node's console and the CLI call, on top of the pure domain packages
// (dossier, calendar, catalog, report) and the event store. Every state
// change is a signed event appended to the store; every read is a
// projection the store folds those events into (projection.go lists them).
//
// # Services
//
// Services (registry.go) is the one list of services, one Go type each,
// one file or a few per service:
//
//   - System (system.go): the node itself, its language and desk number.
//   - Vault (vault.go): setting up and unlocking the encrypted data folder.
//   - Setup (setup.go): the first office and its administrator.
//   - Auth (auth.go, sessions.go, password.go): logging in and out.
//   - Offices (offices.go), Users (users.go): the office tree and accounts.
//   - Calendar (calendar.go), Rules (rules_history.go): working days,
//     holidays and the rules published as data, with their history.
//   - Catalog (catalog.go): the procedure catalog and its step tables.
//   - Dossiers (dossiers.go and the files it names: intake.go, queue.go,
//     citizen.go, dossier_search.go, appraisals.go, rating.go): receiving
//     and processing dossiers. An action is decoded, dated by
//     dossier.Stamp, checked by dossier.Check and appended; the dossier
//     projection folds it with dossier's own fold.
//   - Print (print*.go): the legal forms, the tracking book and the fee
//     book as PDF, with the office's templates and settings.
//   - Reports (reports*.go, standing.go): II.06a, the targets, satisfaction,
//     the dashboard and drill-down lists, from report's facts.
//   - Sync (sync.go): the Đồng bộ screen; the engine behind it (SyncEngine)
//     is the node's, so this package knows nothing of libp2p.
//   - Fees (fees.go): the fees paid at the desk and the fee book.
//   - Records (records.go, verify.go, access_log.go): the raw event log,
//     checking a printed QR code, and who read citizens' personal data.
//
// Services reach the open data folder through a Core (core.go): the
// desktop binds its services before the folder is opened, so each call
// asks the Core for its Deps, or for the error that says why there are
// none (locked, not set up).
//
// # The access table
//
// access.go says, in one map, who may call each "<Service>.<Method>":
// public, any logged-in user, or users holding one of some roles. A method
// without an entry cannot be registered: NewServices panics and the
// registry test fails, so the whole policy is read in one place. Finer
// rules (which office holds a dossier, who may take its next step) are the
// domain's, in dossier/rules.go.
//
// # The dispatcher
//
// Every transport dispatches through Services.CallAs (registry.go): the
// desktop's Wails bridge (Bridge.Call), the node's HTTP RPC (package web)
// and the CLI (cmd/hoso-node, in process or through a running node). It
// resolves the session (or the operator of the CLI) into a Caller
// (caller.go), checks the access table, decodes the JSON argument with
// unknown fields refused, and calls the method by reflection. So every
// transport exposes the same names, shapes and rules.
//
// # Errors
//
// Every method returns an *Error (errors.go): a stable Code the frontend
// translates and scripts match on, an English Message, the Field at fault,
// and the wrapped cause, which is logged and never sent to a client.
package app
