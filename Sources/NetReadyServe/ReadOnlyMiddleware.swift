import Hummingbird

/// The agent's endpoints only read: GET and HEAD (the same routes, without the body); any other
/// method gets 405 on every path, so a scanner learns nothing from the method it tries.
struct ReadOnlyMiddleware: RouterMiddleware {
    typealias Context = AgentRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch request.method {
        case .get:
            return try await next(request, context)
        case .head:
            var response = try await next(request, context)
            response.body = ResponseBody()
            return response
        default:
            var response = AgentHTTPServer.text("only GET\n", status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
    }
}
