package demo

import (
	"fmt"
	"slices"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/iso"
)

// isoNC fills the nonconformity log after the year: the automatic rules
// run over the year's dossiers, one nonconformity is reviewed and gets a
// corrective action that is closed and found effective, and another gets
// an action left open past its due day.
//
// The demo clock stands at the year's end and never goes back, so the
// closed action is given no check period (0 days) to be checked at once,
// and the overdue one is dated from a nonconformity raised months ago
// with a due day soon after it, as a desk recording an action agreed on
// paper would.
func isoNC(c caller, sessions map[string]string, today time.Time) error {
	leader, officer := sessions["lanhdao"], sessions["chuyenvien"]
	var list app.NCListReply
	if err := c.call(leader, "Iso.Nonconformities", app.NCListRequest{}, &list); err != nil {
		return fmt.Errorf("scanning the nonconformities: %w", err)
	}
	var team app.ColleaguesReply
	if err := c.call(leader, "Users.Colleagues", struct{}{}, &team); err != nil {
		return fmt.Errorf("listing the colleagues: %w", err)
	}
	owner := ""
	for _, u := range team.Users {
		if slices.Contains(u.Roles, app.RoleOfficer) {
			owner = u.ID
		}
	}
	if owner == "" {
		return fmt.Errorf("no officer to own the corrective actions")
	}

	// The effective one: a late dossier's nonconformity when there is
	// one, else a finding of the internal audit raised by hand.
	items := list.Items
	slices.SortStableFunc(items, func(a, b app.NCItem) int { return a.RaisedAt.Compare(b.RaisedAt) })
	first := func(src iso.NCSource, skip string) (app.NCItem, bool) {
		for _, n := range items {
			if n.Source == src && n.ID != skip {
				return n, true
			}
		}
		return app.NCItem{}, false
	}
	done, ok := first(iso.SourceLateDossier, "")
	if !ok {
		var r app.NCReply
		if err := c.call(officer, "Iso.RaiseNonconformity", app.RaiseNCRequest{Source: iso.SourceAudit, Title: "Sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả", Clause: "7.5.3"}, &r); err != nil {
			return fmt.Errorf("raising a nonconformity: %w", err)
		}
		done = r.NCItem
	}
	if err := c.call(leader, "Iso.ReviewNonconformity", app.ReviewNCRequest{ID: done.ID, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMinor}, nil); err != nil {
		return fmt.Errorf("reviewing %s: %w", done.ID, err)
	}
	zero := 0
	var act app.ActionItem
	if err := c.call(officer, "Iso.OpenAction", app.OpenActionRequest{
		NC: done.ID, Analysis: "Chuyên viên không theo dõi hạn của từng bước; phần mềm chưa nhắc việc sắp đến hạn.",
		Category: "method", Action: "Theo dõi hằng ngày danh sách hồ sơ sắp đến hạn; lãnh đạo xem lại mỗi sáng thứ Hai.",
		Owner: owner, Due: calendar.DateOf(done.RaisedAt.AddDate(0, 0, 14)).String(), CheckDays: &zero,
	}, &act); err != nil {
		return fmt.Errorf("opening an action: %w", err)
	}
	if err := c.call(officer, "Iso.UpdateAction", app.UpdateActionRequest{ID: act.ID, Evidence: "Đã lập danh sách theo dõi và phổ biến trong cuộc họp giao ban.", Dossiers: []string{done.Dossier}}, nil); err != nil {
		return fmt.Errorf("adding evidence: %w", err)
	}
	if err := c.call(leader, "Iso.CloseAction", app.ActionRequest{ID: act.ID, Note: "Đã thực hiện đầy đủ."}, nil); err != nil {
		return fmt.Errorf("closing the action: %w", err)
	}
	if err := c.call(leader, "Iso.CheckEffectiveness", app.ActionRequest{ID: act.ID, Note: "Không phát sinh lại."}, nil); err != nil {
		return fmt.Errorf("checking the action: %w", err)
	}

	// The overdue one: the earliest other nonconformity, due a week after
	// it was raised, when that day has passed.
	late, ok := first(iso.SourceLateStep, done.ID)
	if !ok {
		late, ok = first(iso.SourceLateDossier, done.ID)
	}
	due := late.RaisedAt.AddDate(0, 0, 7)
	if !ok || !due.Before(today) {
		return nil
	}
	if err := c.call(leader, "Iso.ReviewNonconformity", app.ReviewNCRequest{ID: late.ID, Verdict: iso.VerdictAccepted, Severity: iso.SeverityMajor}, nil); err != nil {
		return fmt.Errorf("reviewing %s: %w", late.ID, err)
	}
	if err := c.call(officer, "Iso.OpenAction", app.OpenActionRequest{
		NC: late.ID, Analysis: "Hồ sơ liên thông chờ ý kiến cơ quan phối hợp quá lâu, không có ai đôn đốc.",
		Category: "external", Action: "Lập đầu mối đôn đốc cơ quan phối hợp; gửi văn bản nhắc khi quá hạn một ngày.",
		Owner: owner, Due: calendar.DateOf(due).String(),
	}, nil); err != nil {
		return fmt.Errorf("opening the overdue action: %w", err)
	}
	return nil
}
