package demo

import (
	"fmt"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/inspect"
)

// provinceInspector is the province's inspector, who visits the demo
// commune: inspections are made by an office above.
var provinceInspector = app.SaveUserRequest{Username: "thanhtratinh", FullName: "Vũ Đức Thắng", Office: "38", Roles: []app.Role{app.RoleInspector}}

// inspections fills one inspection of the demo commune by the province's
// inspector (issue 17 item 4), three weeks ago: a passed item, a failed
// one citing a dossier with its finding, which the commune answered and
// the inspector closed, and a second finding whose fix is overdue.
func inspections(c caller, sessions map[string]string, now time.Time) error {
	u := provinceInspector
	u.Password = Password
	if err := c.call("", "Users.Save", u, nil); err != nil {
		return fmt.Errorf("inspections: %w", err)
	}
	var l app.LoginReply
	if err := c.call("", "Auth.Login", app.LoginRequest{Username: u.Username, Password: Password}, &l); err != nil {
		return fmt.Errorf("inspections: %w", err)
	}
	sessions[u.Username] = l.Session
	inspector, office := l.Session, sessions["chuyenvien"]
	var owner app.UserInfo
	if err := c.call(office, "Auth.Me", struct{}{}, &owner); err != nil {
		return fmt.Errorf("inspections: %w", err)
	}
	today := now.In(calendar.Zone)
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	plan := app.PlanInspectionRequest{Office: Home.Code, Date: day(-21), Title: "Kiểm tra công tác cải cách hành chính",
		Text: []string{"Niêm yết công khai thủ tục hành chính", "Sổ theo dõi hồ sơ và phiếu kiểm soát"}}
	var audits app.AuditsReply
	if err := c.call(sessions["lanhdao"], "Iso.Audits", app.AuditsRequest{}, &audits); err == nil && len(audits.Audits) > 0 {
		plan.Audits = []string{audits.Audits[0].ID}
	}
	// The visit also looks at a task the commune was given by a plan.
	var plans app.PlanList
	if err := c.call(office, "Plans.List", app.PlanListRequest{}, &plans); err == nil {
		for _, p := range plans.Plans {
			if len(p.Mine) > 0 {
				plan.Tasks = []string{"plan:" + p.Plan.ID + ":" + p.Mine[0]}
				break
			}
		}
	}
	var r app.InspectionReply
	if err := c.call(inspector, "Inspections.Plan", plan, &r); err != nil {
		return fmt.Errorf("inspection plan: %w", err)
	}
	id := r.Inspection.Plan.ID
	var evidence []inspect.EvidenceRef
	var found app.SearchReply
	if err := c.call(sessions["lanhdao"], "Dossiers.Search", app.SearchRequest{Office: Home.Code}, &found); err == nil && len(found.Items) > 0 {
		evidence = []inspect.EvidenceRef{{Kind: inspect.EvidenceDossier, Ref: found.Items[0].Code}}
	}
	checks := []app.CheckItemRequest{
		{Item: "C1", Result: inspect.Pass, Note: "Niêm yết đủ, đúng nơi quy định"},
		{Item: "C2", Result: inspect.Fail, Note: "Phiếu kiểm soát thiếu chữ ký bước thẩm định", Evidence: evidence,
			Finding: &app.InspectionFindingInput{Text: "Bổ sung chữ ký trên phiếu kiểm soát quá trình giải quyết hồ sơ", Owner: owner.ID, Due: day(-10)}},
	}
	for _, ch := range checks {
		ch.Office, ch.Inspection = Home.Code, id
		if err := c.call(inspector, "Inspections.Check", ch, nil); err != nil {
			return fmt.Errorf("inspection check %s: %w", ch.Item, err)
		}
	}
	if err := c.call(inspector, "Inspections.AddFinding", app.InspectionFindingRequest{Office: Home.Code, Inspection: id,
		InspectionFindingInput: app.InspectionFindingInput{Text: "Cập nhật sổ theo dõi hồ sơ hằng ngày", Owner: owner.ID, Due: day(-3)}}, nil); err != nil {
		return fmt.Errorf("inspection finding: %w", err)
	}
	if err := c.call(office, "Inspections.Answer", app.FindingAnswerRequest{Office: Home.Code, Inspection: id, Finding: "F1",
		Text: "Đã bổ sung chữ ký trên các phiếu kiểm soát còn thiếu", Evidence: evidence}, nil); err != nil {
		return fmt.Errorf("inspection answer: %w", err)
	}
	if err := c.call(inspector, "Inspections.Close", app.FindingDecisionRequest{Office: Home.Code, Inspection: id, Finding: "F1", Note: "Đã kiểm tra lại"}, nil); err != nil {
		return fmt.Errorf("inspection close: %w", err)
	}
	return nil
}
