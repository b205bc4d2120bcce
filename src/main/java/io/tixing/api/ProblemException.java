package io.tixing.api;

/** Thrown by resources to answer with a problem document. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() { return problem; }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " was not found"));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.validation(java.util.List.of(new FieldError(field, message))));
    }
}
