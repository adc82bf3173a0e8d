import AttacheContracts
import GRDB

extension QueryEngine {
    func actorProfile(_ p: QueryParams, _ db: Database) throws -> ActorProfile {
        throw ErrorReply.badRequest("actor: not implemented yet")
    }
    func stories(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        throw ErrorReply.badRequest("stories: not implemented yet")
    }
    func relations(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        throw ErrorReply.badRequest("relations: not implemented yet")
    }
    func timeline(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        throw ErrorReply.badRequest("timeline: not implemented yet")
    }
    func search(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        throw ErrorReply.badRequest("search: not implemented yet")
    }
    func export(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        throw ErrorReply.badRequest("export: not implemented yet")
    }
}
