package app

import (
	"slices"
	"strings"

	"hoso/complaint"
	"hoso/dossier"
	"hoso/inspect"
	"hoso/iso"
	"hoso/plan"
	"hoso/qreport"
)

// A SubjectSpace is one family of subjects: every subject that starts with
// Prefix, the projections that fold it and the kinds of event written
// under it. Subjects are the store's only namespace, shared by every
// package that writes events and by the names printed QR codes carry, so
// two families must never claim one subject.
type SubjectSpace struct {
	// Prefix starts every subject of the family.
	Prefix string
	// Within is the prefix of the family this one is nested in ("" for
	// none): its subjects start with both prefixes, and the outer
	// family's projections leave them alone.
	Within string
	// Projections name the projections that fold the family's subjects.
	Projections []string
	// Kinds are the kinds of event written under the family.
	Kinds []string
	// Printed is true for a name that only printed QR codes carry (a
	// tracking book, a fee book): no event is written under it, and
	// Verify.Print reads it (verify.go).
	Printed bool
	// Package is the package that writes the family's events, when it
	// is not app.
	Package string
}

// Schema lists every subject family, in the order of their prefixes. A
// new family, projection or kind of event joins this list; the schema
// test proves that no two families overlap unless one is declared within
// the other, that every projection registered folds exactly the families
// that name it, and the projection contract test that every event the
// services write is of a kind listed for its subject.
func Schema() []SubjectSpace {
	dossierKinds := []string{}
	for _, k := range dossier.Kinds() {
		dossierKinds = append(dossierKinds, string(k))
	}
	return []SubjectSpace{
		{Prefix: accessPrefix, Projections: []string{accessProjectionID}, Kinds: []string{kindAccessExported, kindAccessRead}},
		{Prefix: bookPrefix, Printed: true},
		{Prefix: calendarPrefix, Projections: []string{calendarProjectionID}, Kinds: []string{kindOverrideSet, kindOverrideRemoved}},
		{Prefix: calendarRulesPrefix, Within: calendarPrefix, Projections: []string{calendarRulesProjID}, Kinds: []string{kindCalendarRules}},
		// The trust records are p2p's (trust_state.go); app cannot import
		// p2p, so they are named here and the schema test checks them
		// against p2p.TrustProjection.
		{Prefix: "cert/", Projections: []string{"trust"}, Kinds: []string{"trust.enrolled"}, Package: "p2p"},
		{Prefix: complaint.Prefix, Projections: []string{complaintProjID}, Kinds: complaint.Kinds()},
		{Prefix: complaint.LimitsPrefix, Projections: []string{complaintLimitsProjID}, Kinds: []string{complaint.KindLimitsSet}},
		// A dossier is folded twice: whole, and for its receipts alone.
		{Prefix: dossierPrefix, Projections: []string{dossierProjID, feeProjID}, Kinds: dossierKinds},
		{Prefix: feeBookPrefix, Printed: true},
		{Prefix: inspect.Prefix, Projections: []string{inspectionProjID}, Kinds: inspect.Kinds()},
		{Prefix: intakePrefix, Projections: []string{intakeProjectionID}, Kinds: []string{kindIntakeIncomplete}},
		{Prefix: iso.ActionPrefix, Projections: []string{isoActionProjID}, Kinds: iso.ActionKinds()},
		{Prefix: iso.AuditPrefix, Projections: []string{isoAuditProjID}, Kinds: []string{iso.KindAuditPlanned, iso.KindAuditChecked, iso.KindAuditFinding, iso.KindAuditReported}},
		{Prefix: iso.DisposalPrefix, Projections: []string{isoDisposalProjID}, Kinds: []string{iso.KindDisposalApproved}},
		{Prefix: iso.NCPrefix, Projections: []string{isoNCProjID}, Kinds: iso.NCKinds()},
		{Prefix: iso.ObjectivePrefix, Projections: []string{isoObjectiveProjID}, Kinds: []string{iso.KindObjectiveSet, iso.KindObjectiveValue}},
		{Prefix: iso.PolicyPrefix, Projections: []string{isoPolicyProjID}, Kinds: []string{iso.KindPolicySet}},
		{Prefix: iso.ProcessPrefix, Projections: []string{isoProcessProjID}, Kinds: []string{iso.KindProcessDrafted, iso.KindProcessApproved}},
		{Prefix: iso.ProgrammePrefix, Projections: []string{isoProgrammeProjID}, Kinds: []string{iso.KindProgrammeSet}},
		{Prefix: iso.RegisterPrefix, Projections: []string{isoRegisterProjID}, Kinds: []string{iso.KindRegisterSet}},
		{Prefix: iso.ReviewPrefix, Projections: []string{isoReviewProjID}, Kinds: []string{iso.KindReviewHeld}},
		{Prefix: isoYearPrefix, Printed: true},
		{Prefix: officePrefix, Projections: []string{officeProjection.name}, Kinds: []string{kindOfficeSave}},
		{Prefix: plan.Prefix, Projections: []string{planProjID}, Kinds: []string{plan.KindPublished, plan.KindAddressed}},
		{Prefix: planAckPrefix, Projections: []string{planAckID}, Kinds: []string{kindPlanAcked}},
		{Prefix: plan.ProgressPrefix, Projections: []string{planProgressID}, Kinds: []string{plan.KindProgress}},
		{Prefix: plan.RemindPrefix, Projections: []string{planRemindID}, Kinds: []string{plan.KindReminded}},
		{Prefix: procedurePrefix, Projections: []string{procedureProjID}, Kinds: []string{kindProcedureSave}},
		{Prefix: qreport.Prefix, Projections: []string{qreportProjID}, Kinds: []string{qreport.KindSubmitted}},
		{Prefix: reportRulesPrefix, Projections: []string{reportRulesProjID}, Kinds: []string{kindReportRulesSet}},
		{Prefix: "revocation/", Projections: []string{"trust"}, Kinds: []string{"trust.revoked"}, Package: "p2p"},
		{Prefix: scoresPrefix, Projections: []string{scoresProjID}, Kinds: []string{kindScoresSet}},
		{Prefix: printSettingsPrefix, Projections: []string{printSettingsProjection}, Kinds: []string{kindPrintSettingsSet}},
		// One subject, not a family: the rating scale is national.
		{Prefix: ratingScaleSubj, Projections: []string{scaleProjection.name}, Kinds: []string{kindScaleSet}},
		{Prefix: templatePrefix, Projections: []string{templateProjectionID}, Kinds: []string{kindTemplateSet, kindTemplateReset}},
		{Prefix: userPrefix, Projections: []string{userProjection.name}, Kinds: []string{kindUserSaved, kindUserPassword, kindUserDisabled}},
	}
}

// SpaceOf returns the family a subject belongs to: the one with the
// longest prefix of it, so that a nested family wins over the one it is
// within.
func SpaceOf(subject string) (SubjectSpace, bool) {
	var best SubjectSpace
	found := false
	for _, sp := range Schema() {
		if strings.HasPrefix(subject, sp.Prefix) && (!found || len(sp.Prefix) > len(best.Prefix)) {
			best, found = sp, true
		}
	}
	return best, found
}

// HasKind reports whether events of kind are written in the family.
func (sp SubjectSpace) HasKind(kind string) bool { return slices.Contains(sp.Kinds, kind) }
