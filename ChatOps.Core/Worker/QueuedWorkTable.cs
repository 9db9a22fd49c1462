using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Worker;

/// <summary>
/// The one table of queued work: each envelope kind and its handler. Built from the registered handlers and
/// checked when built, like the command registry: a kind without a handler, or with two, stops the app.
/// </summary>
/// <remarks>
/// What a retry of each kind may do (a retry: the queue redelivering after a failure or a dead worker, Slack
/// retrying a request, the same envelope queued twice, a second click). Every kind is claimed under its key
/// first; a recorded outcome is never run again.
/// <code>
/// kind               claimed under               a retry may ...
/// Command            the message / trigger       run it again only if no outcome was recorded; once answered,
///                                                nothing (it says nothing: the answer is there)
/// Click              the confirmation request    wait while another click on it runs; once settled (a Confirm
///                                                has run), only tell the clicker what became of it
/// AlertClick         the click                   as Click
/// AlertNotification  the group and its content   post or update again until recorded (the alert handler's
///                                                own record of the group keeps its order)
/// DeploymentFollow   the deployment look (round) ask the Ops service again and update the message; never
///                                                fork the chain; the final message has its own claim: once
/// DeferredReply      the kept reply              post the kept reply until recorded posted; never run the
///                                                command it answers
/// AlertEscalation    the group, episode, level   page that level once: the level reached is on the alert's record
///                                                before DMs go out, so a rerun mentions nobody again; never fork
/// </code>
/// </remarks>
public sealed class QueuedWorkTable
{
    private readonly Dictionary<EnvelopeKind, IQueuedWork> _handlers;

    public QueuedWorkTable(IEnumerable<IQueuedWork> handlers)
    {
        _handlers = [];
        foreach (var handler in handlers)
            if (!_handlers.TryAdd(handler.Kind, handler))
                throw new InvalidOperationException($"Two handlers for queued work of kind {handler.Kind}: {_handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}");
        var missing = Enum.GetValues<EnvelopeKind>().Where(k => !_handlers.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"No handler for queued work of kind {string.Join(", ", missing)}");
    }

    public IQueuedWork For(EnvelopeKind kind) => _handlers[kind];

    public IReadOnlyCollection<IQueuedWork> Handlers => _handlers.Values;
}
