"""FHIR R4 from the question data and a stored intake, as plain dicts (docs/fhir.md).

questionnaire.py: the Questionnaire, generated from questions.yaml; response.py: a stored
intake as a QuestionnaireResponse naming it (SDC); bundle.py: that response with the advice and
the practitioner's plan as CarePlans with MedicationRequests, in one Bundle. A room of its own:
it imports engine/ only, and gets the questions and the intake as values from commands/.
"""
