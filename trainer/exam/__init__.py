"""Mock exams: patterns, drawing papers, the exam screen, the step log, grading."""
