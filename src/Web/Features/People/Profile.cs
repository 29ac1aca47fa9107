namespace Bookpost.Web.Features.People;

/// The few facts about a person that the programmes report on (a reader, a computer user, a training attendee): shared
/// by Circulation and Access, which both count people by them, and owned by neither.
public enum Sex { Unknown, Male, Female }

public enum AgeBand { Unknown, Child, Youth, Adult, Senior }
