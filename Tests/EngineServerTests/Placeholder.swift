// TEMPORARY: replaced by this target's real tests.
import Testing
@Test func placeholderEngineServerTests() {}
