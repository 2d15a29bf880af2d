// Package iso is the quality system of a one-stop office (TCVN ISO
// 9001:2015, Decision 101/2018/QĐ-TTg) as pure rules, tested without a
// store, as package dossier is for dossiers: the documented process of a
// procedure generated from its catalog step table (process.go), the
// quality objectives measured from the records (objective.go), the
// nonconformities the work itself raises and those raised by hand
// (nc.go), corrective actions and their effectiveness (action.go),
// internal audits (audit.go), management reviews (review.go) and the
// register of records with their retention (records.go).
//
// Every record is a signed event in the office's log, under the subject
// families this package names; package app writes and folds them, package
// print prints them. Nothing here reads a clock or a store: callers pass
// the facts and the time.
package iso
