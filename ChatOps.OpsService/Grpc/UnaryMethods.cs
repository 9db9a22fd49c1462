using ChatOps.Core.Ops.Grpc;
using Google.Protobuf;

namespace ChatOps.OpsService.Grpc;

/// <summary>The table of unary methods of one service: name to "parse request, run, serialize answer".</summary>
public sealed class UnaryMethods(string service)
{
    private readonly Dictionary<string, Func<byte[], CallContext, Task<byte[]>>> _methods = new(StringComparer.Ordinal);

    public string Service { get; } = service;

    public IEnumerable<string> Names => _methods.Keys;

    public UnaryMethods Add<TRequest, TResponse>(string name, MessageParser<TRequest> parser, Func<TRequest, CallContext, Task<TResponse>> run)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>
    {
        _methods[name] = async (bytes, context) =>
        {
            TRequest request;
            try
            {
                request = parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                throw new GrpcException(GrpcStatusCode.Internal, $"the request is not a valid {typeof(TRequest).Name}");
            }
            return (await run(request, context).ConfigureAwait(false)).ToByteArray();
        };
        return this;
    }

    public Func<byte[], CallContext, Task<byte[]>>? Find(string service, string method) =>
        service == Service && _methods.TryGetValue(method, out var run) ? run : null;
}
