import AbsenceWatch
import Locking
import Foundation

/// Where threads other than the engine's ask for a ``WhyReport`` (issue 13 item 5, the HTTP
/// route `GET /api/v1/rules/{name}/why`) or an ``ExpectationsReport`` (issue 12 item 5,
/// `GET /api/v1/expectations`).
///
/// The engine core lives on the engine thread and has no locks, so a question waits here until
/// the engine loop's next turn (at most one loop tick, 100 ms) answers it. A question the loop
/// does not answer within `timeout` (a stuck or stopped engine) is answered with
/// ``Answer/unanswered``, so an HTTP handler never waits for ever.
public final class WhyDesk: Sendable {
    /// What a question gets back.
    public enum Answer: Sendable, Equatable {
        /// The report as the mailbox's `rfc-alert-why` subject encodes it (JSON, sorted keys).
        case report([UInt8])
        /// No rule of that name is loaded (why only).
        case unknownRule
        /// The engine did not answer in time.
        case unanswered
    }

    /// What is asked.
    private enum Subject {
        case why(rule: String, element: String?)
        case expectations(rung: AbsenceRung?)
    }

    private struct Question {
        var subject: Subject
        var reply: CheckedContinuation<Answer, Never>
    }

    private let questions = Locked<(next: UInt64, waiting: [UInt64: Question])>((0, [:]))
    private let timeout: Duration

    /// Creates a desk whose questions give up after `timeout`.
    public init(timeout: Duration = .seconds(2)) {
        self.timeout = timeout
    }

    /// Asks the engine for the report of `rule` (only `element` when given).
    public func ask(rule: String, element: String?) async -> Answer {
        await ask(.why(rule: rule, element: element))
    }

    /// Asks the engine for its expected signals (only those at `rung` when given); the answer
    /// is ``Answer/report(_:)`` with the report's JSON, or ``Answer/unanswered``.
    public func askExpectations(rung: AbsenceRung?) async -> Answer {
        await ask(.expectations(rung: rung))
    }

    private func ask(_ subject: Subject) async -> Answer {
        let id = questions.withLock { state in
            state.next += 1
            return state.next
        }
        let timeout = self.timeout
        return await withCheckedContinuation { (reply: CheckedContinuation<Answer, Never>) in
            questions.withLock { state in
                state.waiting[id] = Question(subject: subject, reply: reply)
            }
            // Registered first, so the expiry always finds the question unless it was answered.
            Task {
                try? await Task.sleep(for: timeout)
                self.resolve(id, with: .unanswered)
            }
        }
    }

    /// Called on the engine thread each turn: answers every waiting question, `why` ones with
    /// `report`, expectation ones with `expectations`.
    func answerWaiting(
        with report: (_ rule: String, _ element: String?) -> WhyReport?,
        expectations: (_ rung: AbsenceRung?) -> ExpectationsReport
    ) {
        let waiting = questions.withLock { state in
            let taken = state.waiting
            state.waiting = [:]
            return taken
        }
        for (_, question) in waiting {
            switch question.subject {
            case .why(let rule, let element):
                guard let found = report(rule, element) else {
                    question.reply.resume(returning: .unknownRule)
                    continue
                }
                question.reply.resume(returning: (try? WhyReport.json(found)).map(Answer.report) ?? .unanswered)
            case .expectations(let rung):
                question.reply.resume(returning: (try? ExpectationsReport.json(expectations(rung))).map(Answer.report) ?? .unanswered)
            }
        }
    }

    private func resolve(_ id: UInt64, with answer: Answer) {
        let question = questions.withLock { state in state.waiting.removeValue(forKey: id) }
        question?.reply.resume(returning: answer)
    }
}
