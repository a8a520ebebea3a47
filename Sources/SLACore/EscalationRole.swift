/// Who the vendor's procedure escalates a case to at each suggested level (SPEC §4): level 2 the
/// MET's coordinator (a clock at risk, a work plan's promise), level 3 the director of customer
/// experience (a clock breached and still running). The one list of the roles: the engine
/// suggests them, `sla explain` names them in English and the breach list in Spanish.
package enum EscalationRole: Int, Sendable, CaseIterable {
    case metCoordinator = 2
    case customerExperienceDirector = 3

    /// The level of the procedure this role is.
    package var level: Int { rawValue }

    /// The role as `sla explain` names it.
    package var name: String {
        switch self {
        case .metCoordinator: "MET coordinator"
        case .customerExperienceDirector: "director of customer experience"
        }
    }

    /// The role as the sheets name it.
    package var spanishName: String {
        switch self {
        case .metCoordinator: "Coordinador de la MET"
        case .customerExperienceDirector: "Director de experiencia al cliente"
        }
    }
}
