using ChatOps.Core.Access;
using ChatOps.Core.Audit;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Delivery;
using ChatOps.Core.Limits;
using ChatOps.Core.Options;

namespace ChatOps.Core.Worker;

/// <summary>The worker's guards, in one place: who may (access, confirmations), how much (limits), once only
/// (delivery claims), and the audit trail.</summary>
public sealed record WorkerServices(
    WorkerOptions Options,
    LimitOptions Limits,
    AccessPolicy Access,
    ConfirmationGate Gate,
    ClickHandler Clicks,
    IDeliveryClaims Claims,
    IReplyDeferrals Deferrals,
    UserRateLimiter RateLimiter,
    AuditLog Audit,
    ArgumentRedactor Redactor,
    TimeProvider Clock);
