package io.qiyue.approval.web;

import io.qiyue.approval.Approvals;
import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractSummary;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ReviewState;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Legal's queue (审查队列): the approval tasks waiting for the caller, then the drafts and the contracts in approval
 * whose review still needs someone — a blocker, a warning nobody accepted, or no review of the current version.
 * Within the caller's read scope like every list; here because it joins approvals with the contract list.
 */
@PageController
class ReviewQueuePage {
    static final int SHOWN = 20;

    private final Approvals approvals;
    private final Contracts contracts;

    ReviewQueuePage(Approvals approvals, Contracts contracts) {
        this.approvals = approvals;
        this.contracts = contracts;
    }

    @GetMapping("/review-queue")
    String queue(Model model) {
        model.addAttribute("tasks", approvals.inbox("me", 0, SHOWN, "createdAt,asc"));
        model.addAttribute("drafts", open(ContractStatus.DRAFT));
        model.addAttribute("inApproval", open(ContractStatus.IN_APPROVAL));
        return "approval/review-queue";
    }

    private PageResult<ContractSummary> open(ContractStatus status) {
        return contracts.list(new ContractQuery(null, null, status, null, null, null, null, false,
                ReviewState.Filter.OPEN), 0, SHOWN, "updatedAt,desc");
    }
}
